package main

import "fmt"

type ID int
type Name string
type P struct{ X, Y int }
type W struct{ v any }

func try(f func() bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("panic:", r)
		}
	}()
	fmt.Println(f())
}

func main() {
	var a, b any = ID(1), 1
	fmt.Println(a == b, a == any(ID(1)), b == any(1), any(Name("a")) == any(Name("a")))
	fmt.Println(any(1.0) == any(1), any(Name("x")) == any("x"), any(true) == any(true))
	fmt.Println(W{1} == W{1}, W{1} == W{1.0}, W{ID(2)} == W{2}, W{nil} == W{nil})
	var p *P
	fmt.Println(W{p} == W{nil}, W{P{1, 2}} == W{P{1, 2}}, [2]any{1, "a"} == [2]any{1, "a"})
	try(func() bool { return W{[]int{1}} == W{[]int{1}} })
	try(func() bool { return W{[]int{1}} == W{map[int]int{}} })
	try(func() bool { return any([]int{1}) == any([]int{1}) })
	try(func() bool { return any(func() {}) == any(1) })
	m := map[any]int{}
	m[1] = 1
	m[int64(1)] = 2
	m[ID(1)] = 3
	m[1.0] = 4
	m["1"] = 5
	m[Name("1")] = 6
	m[W{1}] = 7
	m[W{ID(1)}] = 8
	m[P{1, 2}] = 9
	m[[2]int{1, 2}] = 10
	fmt.Println(len(m), m[1], m[int64(1)], m[ID(1)], m[1.0], m["1"], m[Name("1")], m[W{1}], m[W{ID(1)}], m[P{1, 2}])
	delete(m, ID(1))
	_, ok := m[ID(1)]
	fmt.Println(len(m), ok, m[1])
	fm := map[float64]string{1: "one"}
	fmt.Println(fm[1], fm[1.0])
	type K struct{ a any }
	km := map[K]int{{1}: 1, {1.5}: 2, {"s"}: 3}
	fmt.Println(km[K{1}], km[K{1.5}], km[K{"s"}], km[K{ID(1)}], len(km))
}
