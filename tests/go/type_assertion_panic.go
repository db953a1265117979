package main

import "fmt"

type Animal interface{ Sound() string }
type Dog struct{}

func (Dog) Sound() string { return "woof" }

func main() {
	var a Animal = Dog{}
	if d, ok := a.(Dog); ok {
		fmt.Println("dog says", d.Sound())
	}
	var x interface{} = "text"
	n, ok := x.(int)
	fmt.Println(n, ok)
	s := x.(string)
	fmt.Println(s)
	fmt.Println(x.(int))
}
