package main

import "fmt"

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
}

type Key struct {
	Name string
	Tags [2]string
}

func main() {
	a := Point{1, 2}
	b := Point{1, 2}
	c := Point{2, 1}
	fmt.Println(a == b, a == c, a != c)

	r1 := Rect{Point{0, 0}, Point{5, 5}}
	r2 := Rect{Min: Point{0, 0}, Max: Point{5, 5}}
	fmt.Println(r1 == r2)
	r2.Max.X = 6
	fmt.Println(r1 == r2, r1.Max, r2.Max)

	arr1 := [3]int{1, 2, 3}
	arr2 := arr1
	arr2[0] = 9
	fmt.Println(arr1 == arr2, arr1, arr2)
	arr2[0] = 1
	fmt.Println(arr1 == arr2)

	m := map[Key]int{}
	m[Key{"x", [2]string{"a", "b"}}] = 1
	m[Key{"x", [2]string{"a", "b"}}]++
	m[Key{"x", [2]string{"b", "a"}}] = 10
	fmt.Println(len(m), m[Key{"x", [2]string{"a", "b"}}])

	var i1, i2 interface{} = Point{1, 2}, Point{1, 2}
	fmt.Println(i1 == i2)
	var i3 interface{} = &a
	var i4 interface{} = &b
	fmt.Println(i3 == i4, i3 == interface{}(&a))

	anon1 := struct {
		A int
		B string
	}{1, "x"}
	anon2 := struct {
		A int
		B string
	}{1, "x"}
	fmt.Println(anon1 == anon2)
	grid := [2][2]Point{}
	grid2 := grid
	fmt.Println(grid == grid2)
}
