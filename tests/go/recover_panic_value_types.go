package main

import "fmt"

func show(f func()) {
	defer func() { r := recover(); fmt.Printf("%T: %v\n", r, r) }()
	f()
}

func main() {
	show(func() { var m map[string]int; m["a"] = 1 })
	show(func() { a := []int{1}; i := 5; _ = a[i] })
	show(func() { a := []int{1}; i := 5; _ = a[1:i] })
	show(func() { x, y := 1, 0; _ = x / y })
	show(func() { var p *struct{ X int }; _ = p.X })
	show(func() { var x any = 1; _ = x.(string) })
	show(func() { ch := make(chan int); close(ch); close(ch) })
	show(func() { panic(fmt.Sprintf("x%d", 1)) })
}
