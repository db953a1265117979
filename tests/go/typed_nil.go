package main

import (
	"errors"
	"fmt"
)

type MyErr struct{ msg string }

func (e *MyErr) Error() string {
	if e == nil {
		return "<nil MyErr>"
	}
	return e.msg
}

func mayFail(fail bool) error {
	var p *MyErr
	if fail {
		p = &MyErr{"failed"}
	}
	return p // typed nil when !fail: the interface is not nil
}

func correct(fail bool) error {
	if fail {
		return &MyErr{"failed"}
	}
	return nil
}

type Shape interface{ Area() float64 }
type Sq struct{ s float64 }

func (q *Sq) Area() float64 {
	if q == nil {
		return 0
	}
	return q.s * q.s
}

func main() {
	err := mayFail(false)
	fmt.Println(err == nil, err)
	fmt.Printf("%T %v\n", err, err)
	err = correct(false)
	fmt.Println(err == nil, err)

	var s Shape
	fmt.Println(s == nil)
	var q *Sq
	s = q
	fmt.Println(s == nil, q == nil, s.Area())
	fmt.Printf("%v %T\n", s, s)

	var e2 error = errors.New("x")
	e2 = nil
	fmt.Println(e2 == nil)

	var m map[string]int
	var sl []int
	var ch chan int
	var fn func()
	var p *int
	fmt.Println(m == nil, sl == nil, ch == nil, fn == nil, p == nil)
	fmt.Println(len(m), len(sl), m["x"])
	var any interface{} = sl
	fmt.Println(any == nil, any)
}
