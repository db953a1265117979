package main

import (
	"fmt"
	"sort"
	"strings"
)

type IntList []int

func (l IntList) Sum() int {
	s := 0
	for _, v := range l {
		s += v
	}
	return s
}

func (l IntList) Map(f func(int) int) IntList {
	out := make(IntList, len(l))
	for i, v := range l {
		out[i] = f(v)
	}
	return out
}

func (l *IntList) Append(v ...int) { *l = append(*l, v...) }

type Set map[string]bool

func (s Set) Add(k string)      { s[k] = true }
func (s Set) Has(k string) bool { return s[k] }
func (s Set) Sorted() []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s Set) Union(o Set) Set {
	r := Set{}
	for k := range s {
		r.Add(k)
	}
	for k := range o {
		r.Add(k)
	}
	return r
}

type Path []string

func (p Path) String() string { return "/" + strings.Join(p, "/") }

func main() {
	l := IntList{1, 2, 3}
	l.Append(4, 5)
	fmt.Println(l, l.Sum(), l.Map(func(x int) int { return x * x }).Sum())
	fmt.Printf("%T %v\n", l, len(l))
	a, b := Set{}, Set{}
	a.Add("x")
	a.Add("y")
	b.Add("y")
	b.Add("z")
	u := a.Union(b)
	fmt.Println(u.Sorted(), u.Has("z"), u.Has("w"), len(u))
	p := Path{"usr", "local", "bin"}
	fmt.Println(p, p[:1])
	fmt.Printf("%v %s %d\n", p, p, len(p))
	var ints sort.IntSlice = []int{3, 1, 2}
	ints.Sort()
	fmt.Println(ints, ints.Search(2))
}
