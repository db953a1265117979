// Interface comparisons: == on two interface values (or an interface and a
// constant) is true only when the dynamic types are identical, as in Go.
package main

import (
	"errors"
	"fmt"
	"io"
	"time"
)

type MyInt int
type ID int

type Shape interface{ Area() float64 }
type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }

func main() {
	var a, b any = int8(1), int16(1)
	fmt.Println(a == b, a != b, any(1) == any(1.0), any(int64(3)) == any(3))
	fmt.Println(any(uint8(2)) == any(byte(2)), any(MyInt(1)) == any(1), any("x") == any("x"))
	fmt.Println(any(float32(1)) == any(1.0), any(float32(1)) == any(float32(1)))
	fmt.Println(any(time.Duration(5)) == any(5), any(time.Second) == any(time.Duration(1e9)))
	var x any = int32(7)
	fmt.Println(x == 7, x == int32(7), x == rune(7), x == 'a'-90)
	if x == 7 {
		fmt.Println("wrong: int32(7) == int(7)")
	} else {
		fmt.Println("int32(7) != int(7)")
	}
	var c any = ID(3)
	fmt.Println(c == ID(3), c == 3, c == MyInt(3))
	vals := []any{int32(5), rune(5), int(5), uint(5), 5.0, "5", ID(5)}
	for i, v := range vals {
		for j, w := range vals {
			if i < j && v == w {
				fmt.Println("equal:", i, j)
			}
		}
	}
	var s1, s2 Shape = Sq{2}, Sq{2}
	fmt.Println(s1 == s2, s1 == Sq{3})
	var e error = io.EOF
	fmt.Println(e == io.EOF, e == errors.New("EOF"), errors.Is(fmt.Errorf("w: %w", e), io.EOF))
	var n1, n2 any
	fmt.Println(n1 == n2, n1 == nil)
	var p *Sq
	var ip any = p
	fmt.Println(ip == nil, ip == any((*Sq)(nil)), ip == any((*int)(nil)))
	m := map[any]string{int8(1): "int8", 1: "int", uint(1): "uint"}
	fmt.Println(len(m), m[int8(1)], m[1], m[uint(1)])
	defer func() { fmt.Println("recovered:", recover()) }()
	var f1, f2 any = []int{1}, []int{1}
	fmt.Println(f1 == any("no"))
	fmt.Println(f1 == f2)
}
