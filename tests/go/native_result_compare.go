package main

import (
	"bufio"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

func main() {
	r := strings.NewReader("a\n")
	c, _ := r.ReadByte()
	fmt.Println(c == 'a', c == 97, c != 'b')
	br := bufio.NewReader(strings.NewReader("xé"))
	ch, _, _ := br.ReadRune()
	fmt.Println(ch == 'x', ch == 120)
	s := "hello"
	fmt.Println(s[0] == 'h', s[1] == 101)
	rr, size := utf8.DecodeRuneInString("é")
	fmt.Println(rr == 'é', size == 2, rr == 233)
	d := time.Since(time.Now())
	fmt.Println(d == 0 || d > 0, time.Duration(5) == 5)
	m := time.Now().Month()
	fmt.Println(m == m, m >= 1)
	var x uint8 = 200
	y := x + 100
	fmt.Println(y == 44)
	b := []byte("abc")
	fmt.Println(b[0] == 'a', b[2] == 99)
	var i64 int64 = 5
	fmt.Println(i64 == 5, 5 == i64)
	n := utf8.RuneLen('é')
	fmt.Println(n == 2)
	z := strings.Compare("a", "b")
	fmt.Println(z == -1)
	switch c {
	case 'a':
		fmt.Println("case a")
	default:
		fmt.Println("default")
	}
	switch ch {
	case 'x':
		fmt.Println("case x")
	}
}
