package main

import "fmt"

type T struct{ x any }

func main() {
	var a, b any = 1, 2
	for i := 0; i < 50000; i++ {
		a = T{a}
		b = T{b}
	}
	m := map[any]int{a: 1, b: 2}
	s := fmt.Sprint(m)
	fmt.Println(len(s), s[len(s)-20:])
}
