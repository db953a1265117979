package main

import (
	"container/list"
	"fmt"
)

func show(l *list.List) {
	for e := l.Front(); e != nil; e = e.Next() {
		fmt.Print(e.Value, " ")
	}
	fmt.Println(l.Len())
}

func main() {
	a, b := list.New(), list.New()
	a.PushBack(1)
	a.PushBack(2)
	b.PushBack(3)
	b.PushBack(4)
	a.PushBackList(b)
	show(a)
	a.PushFrontList(b)
	show(a)
	b.PushBackList(b)
	show(b)
	b.PushFrontList(b)
	show(b)
}
