package main

import "fmt"

type Node struct {
	Val   int
	Left  *Node
	Right *Node
}

func swap(a, b *int) { *a, *b = *b, *a }

func newInt(v int) *int { return &v }

func incAll(ps []*int) {
	for _, p := range ps {
		*p++
	}
}

func main() {
	x, y := 1, 2
	swap(&x, &y)
	fmt.Println(x, y)
	p := &x
	*p = 10
	fmt.Println(x, *p == x, p == &x)
	pp := &p
	**pp = 20
	fmt.Println(x)
	a, b := newInt(5), newInt(5)
	fmt.Println(*a == *b, a == b)
	incAll([]*int{a, b, a})
	fmt.Println(*a, *b)

	arr := [3]int{1, 2, 3}
	e := &arr[1]
	*e = 20
	fmt.Println(arr)
	s := []int{1, 2, 3}
	q := &s[0]
	s = append(s, 4)
	*q = 100
	fmt.Println(s[0] == 100 || s[0] == 1)

	n := &Node{Val: 1}
	n.Left = &Node{Val: 2}
	n.Left.Right = &Node{Val: 3}
	fmt.Println(n.Val, n.Left.Val, n.Left.Right.Val, n.Right == nil)
	type pair struct{ a, b int }
	pr := &pair{1, 2}
	pr.a, pr.b = pr.b, pr.a
	fmt.Println(*pr)
	v := new(int)
	fmt.Println(*v)
	st := new(pair)
	st.b = 9
	fmt.Println(*st)
	fp := &st.b
	*fp++
	fmt.Println(st.b)
}
