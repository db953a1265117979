package main

import (
	"fmt"
	"runtime"
)

func try(f func()) {
	defer func() {
		r := recover()
		if re, ok := r.(runtime.Error); ok {
			fmt.Println("runtime error:", re.Error())
			return
		}
		if e, ok := r.(error); ok {
			fmt.Println("error:", e)
			return
		}
		fmt.Println("other:", r)
	}()
	f()
}

func main() {
	try(func() { var m map[string]int; m["a"] = 1 })
	try(func() { a := []int{1}; i := 5; _ = a[i] })
	try(func() { panic(fmt.Errorf("custom")) })
	try(func() { panic("str") })
	try(func() { var x any = 1; _ = x.(string) })
}
