package main

import "fmt"

var x = "package"

func f() string { return x }

func main() {
	fmt.Println(x)
	x := "main"
	fmt.Println(x, f())
	{
		x := "block"
		fmt.Println(x)
		x = "block2"
		fmt.Println(x)
	}
	fmt.Println(x)
	if x := 42; x > 40 {
		fmt.Println("if scope", x)
	} else {
		fmt.Println("else scope", x)
	}
	for x := 0; x < 2; x++ {
		fmt.Println("loop", x)
	}
	fmt.Println(x)
	err := fmt.Errorf("outer")
	if true {
		n, err := 5, fmt.Errorf("inner")
		fmt.Println(n, err)
	}
	fmt.Println(err)
	a, b := 1, 2
	a, c := 3, 4
	fmt.Println(a, b, c)
	switch y := a * 2; {
	case y > 5:
		fmt.Println("big", y)
	default:
		fmt.Println("small", y)
	}
}
