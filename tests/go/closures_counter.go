package main

import "fmt"

// counter returns a closure that increments and returns a private count.
func counter() func() int {
	c := 0
	return func() int {
		c++
		return c
	}
}

// adder accumulates everything it is given.
func adder() func(int) int {
	sum := 0
	return func(x int) int {
		sum += x
		return sum
	}
}

func fibonacci() func() int {
	a, b := 0, 1
	return func() int {
		r := a
		a, b = b, a+b
		return r
	}
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func main() {
	c1, c2 := counter(), counter()
	fmt.Println(c1(), c1(), c1(), c2())

	pos, neg := adder(), adder()
	for i := 0; i < 5; i++ {
		fmt.Println(pos(i), neg(-2*i))
	}

	f := fibonacci()
	for i := 0; i < 10; i++ {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	double := func(x int) int { return 2 * x }
	inc := func(x int) int { return x + 1 }
	fmt.Println(compose(double, inc)(5), compose(inc, double)(5))

	var funcs []func() int
	for i := 0; i < 3; i++ {
		v := i * i
		funcs = append(funcs, func() int { return v })
	}
	for _, fn := range funcs {
		fmt.Print(fn(), ",")
	}
	fmt.Println()
}
