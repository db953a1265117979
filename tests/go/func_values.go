package main

import (
	"fmt"
	"sort"
	"strings"
)

type Op func(a, b int) int

type Calculator struct {
	ops map[string]Op
}

type Counter struct{ n int }

func (c *Counter) Incr()     { c.n++ }
func (c Counter) Get() int   { return c.n }
func (c Counter) Add(k int) int { return c.n + k }

func main() {
	calc := Calculator{ops: map[string]Op{
		"+": func(a, b int) int { return a + b },
		"-": func(a, b int) int { return a - b },
		"*": func(a, b int) int { return a * b },
	}}
	keys := []string{}
	for k := range calc.ops {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(7, k, 3, "=", calc.ops[k](7, 3))
	}

	pipeline := []func(string) string{strings.TrimSpace, strings.ToUpper, func(s string) string { return s + "!" }}
	s := "  hello  "
	for _, f := range pipeline {
		s = f(s)
	}
	fmt.Println(s)

	c := &Counter{}
	inc := c.Incr // method value bound to c
	inc()
	inc()
	fmt.Println(c.Get())
	get := Counter.Get // method expression
	fmt.Println(get(*c))
	add := (*Counter).Incr
	add(c)
	fmt.Println(c.n)
	adder := c.Add
	c.n = 100 // adder bound to a copy of *c taken at evaluation time
	fmt.Println(adder(1))

	var nilFn func()
	fmt.Println(nilFn == nil)
	handlers := map[string]func() string{}
	handlers["a"] = func() string { return "A" }
	if h, ok := handlers["a"]; ok {
		fmt.Println(h())
	}
	if _, ok := handlers["b"]; !ok {
		fmt.Println("no handler b")
	}
}
