package main

import (
	"errors"
	"fmt"
	"strings"
)

type Stack []rune

func (s *Stack) Push(r rune) { *s = append(*s, r) }
func (s *Stack) Pop() (rune, error) {
	if len(*s) == 0 {
		return 0, errors.New("empty stack")
	}
	r := (*s)[len(*s)-1]
	*s = (*s)[:len(*s)-1]
	return r, nil
}

func balanced(expr string) bool {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var st Stack
	for _, c := range expr {
		switch c {
		case '(', '[', '{':
			st.Push(c)
		case ')', ']', '}':
			top, err := st.Pop()
			if err != nil || top != pairs[c] {
				return false
			}
		}
	}
	return len(st) == 0
}

type Queue struct {
	items []string
}

func (q *Queue) Enqueue(s string) { q.items = append(q.items, s) }
func (q *Queue) Dequeue() (string, bool) {
	if len(q.items) == 0 {
		return "", false
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s, true
}

func evalRPN(tokens string) int {
	var st []int
	for _, t := range strings.Fields(tokens) {
		switch t {
		case "+", "-", "*", "/":
			b, a := st[len(st)-1], st[len(st)-2]
			st = st[:len(st)-2]
			var r int
			switch t {
			case "+":
				r = a + b
			case "-":
				r = a - b
			case "*":
				r = a * b
			case "/":
				r = a / b
			}
			st = append(st, r)
		default:
			n := 0
			fmt.Sscan(t, &n)
			st = append(st, n)
		}
	}
	return st[0]
}

func main() {
	for _, e := range []string{"(a[b]{c})", "(]", "((", "{[()()]}", ""} {
		fmt.Printf("%-12q %v\n", e, balanced(e))
	}
	q := &Queue{}
	for _, s := range []string{"first", "second", "third"} {
		q.Enqueue(s)
	}
	for {
		s, ok := q.Dequeue()
		if !ok {
			break
		}
		fmt.Print(s, " ")
	}
	fmt.Println()
	fmt.Println(evalRPN("3 4 + 2 *"), evalRPN("5 1 2 + 4 * + 3 -"), evalRPN("7 2 /"))
	var s Stack
	_, err := s.Pop()
	fmt.Println(err)
}
