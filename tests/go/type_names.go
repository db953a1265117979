package main

import (
	"errors"
	"fmt"
	"time"
)

type Point struct{ X, Y int }
type Celsius float64
type Names []string
type Handler func(string) error
type Grid [3][3]int
type Set map[string]struct{}

type Node struct {
	Val  int
	Next *Node
}

func main() {
	var p Point
	var pp = &Point{1, 2}
	var c Celsius = 36.6
	fmt.Printf("%T %T %T\n", p, pp, c)
	fmt.Printf("%T %T %T\n", Names{"a"}, Handler(nil), Grid{})
	fmt.Printf("%T %T\n", Set{}, &Node{})
	fmt.Printf("%T %T %T %T\n", 1, 2.5, "s", 'r')
	fmt.Printf("%T %T %T\n", []int{}, map[string]int{}, [2]bool{})
	fmt.Printf("%T %T %T\n", make(chan int), make(<-chan string), make(chan<- float64))
	fmt.Printf("%T %T\n", func(int) string { return "" }, func() {})
	fmt.Printf("%T %T\n", errors.New("x"), fmt.Errorf("w: %w", errors.New("y")))
	fmt.Printf("%T %T\n", time.Second, struct{ A int }{1})
	var e error
	var i interface{}
	fmt.Printf("%T %T\n", e, i)
	i = pp
	fmt.Printf("%T %v\n", i, i)
	fmt.Printf("%T\n", []*Point{})
	fmt.Printf("%T\n", map[Point][]string{})
	fmt.Printf("%v %+v %#v\n", p, *pp, *pp)
	fmt.Printf("%#v %#v\n", []int{1, 2}, map[string]int{"a": 1})
}
