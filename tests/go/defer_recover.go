package main

import (
	"errors"
	"fmt"
)

func deferOrder() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	fmt.Println("body done")
}

func safeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	q = a / b
	return
}

func namedResult() (x int) {
	defer func() { x *= 2 }()
	x = 5
	return x + 1
}

type stack struct{ data []int }

func (s *stack) pop() (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("pop from empty stack")
		}
	}()
	v = s.data[len(s.data)-1]
	s.data = s.data[:len(s.data)-1]
	return v, nil
}

func nested() (msg string) {
	defer func() {
		r := recover()
		msg = fmt.Sprint("outer caught: ", r)
	}()
	func() {
		defer func() {
			r := recover()
			panic(fmt.Sprint("re-panic(", r, ")"))
		}()
		panic("first")
	}()
	return "unreachable"
}

func main() {
	deferOrder()
	fmt.Println(safeDivide(10, 2))
	fmt.Println(safeDivide(1, 0))
	fmt.Println(namedResult())
	s := &stack{data: []int{1, 2}}
	for i := 0; i < 3; i++ {
		v, err := s.pop()
		fmt.Println(v, err)
	}
	fmt.Println(nested())
	func() {
		defer func() {
			fmt.Println("recover returns:", recover())
		}()
		var m map[string]int
		m["x"] = 1
	}()
	fmt.Println("recover outside panic:", recover())
}
