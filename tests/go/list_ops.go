package main

import (
	"container/list"
	"fmt"
)

func dump(l *list.List) {
	fmt.Print("[")
	for e := l.Front(); e != nil; e = e.Next() {
		fmt.Print(e.Value)
		if e.Next() != nil {
			fmt.Print(" ")
		}
	}
	fmt.Println("] len", l.Len())
}

func main() {
	l := list.New()
	for i := 1; i <= 5; i++ {
		l.PushBack(i)
	}
	dump(l)
	l.MoveToFront(l.Back())
	dump(l)
	l.MoveToBack(l.Front().Next())
	dump(l)
	third := l.Front().Next().Next()
	l.MoveBefore(third, l.Front())
	dump(l)
	l.MoveAfter(l.Front(), l.Back())
	dump(l)
	fmt.Println("removed:", l.Remove(l.Front()))
	dump(l)

	other := list.New()
	other.PushBack("a")
	other.PushBack("b")
	l.PushBackList(other)
	l.PushFrontList(other)
	dump(l)

	for e := l.Back(); e != nil; e = e.Prev() {
		fmt.Print(e.Value, ",")
	}
	fmt.Println()

	// remove while iterating
	for e := l.Front(); e != nil; {
		next := e.Next()
		if _, ok := e.Value.(string); ok {
			l.Remove(e)
		}
		e = next
	}
	dump(l)

	var q list.List // zero value is usable
	q.PushBack("job1")
	q.PushFront("job0")
	dump(&q)
	l.Init()
	dump(l)
	fmt.Println(l.Front() == nil, l.Back() == nil)
}
