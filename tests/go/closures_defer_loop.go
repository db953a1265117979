package main

import "fmt"

type resource struct{ name string }

func (r *resource) Close() { fmt.Println("close", r.name) }

func process(names []string) (err error) {
	for _, n := range names {
		r := &resource{n}
		defer r.Close()
	}
	defer func() {
		if err != nil {
			fmt.Println("cleanup after error:", err)
		}
	}()
	if len(names) > 2 {
		return fmt.Errorf("too many: %d", len(names))
	}
	return nil
}

func counterGen() (func() int, func()) {
	n := 0
	return func() int { return n }, func() { n++ }
}

func main() {
	fmt.Println(process([]string{"a", "b"}))
	fmt.Println(process([]string{"x", "y", "z"}))
	get, inc := counterGen()
	for i := 0; i < 3; i++ {
		defer func(i int) { fmt.Println("deferred with", i, "counter", get()) }(i)
		inc()
	}
	x := 1
	defer fmt.Println("x at defer time:", x)
	x = 2
	func() {
		defer func() { x *= 10 }()
		x++
	}()
	fmt.Println("x now:", x)
}
