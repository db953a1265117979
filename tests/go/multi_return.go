package main

import (
	"errors"
	"fmt"
	"strings"
)

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func parseKV(s string) (key, value string, err error) {
	i := strings.IndexByte(s, '=')
	if i < 0 {
		return "", "", errors.New("missing '=' in " + s)
	}
	return s[:i], s[i+1:], nil
}

func stats(xs ...float64) (min, max, mean float64) {
	if len(xs) == 0 {
		return
	}
	min, max = xs[0], xs[0]
	sum := 0.0
	for _, x := range xs {
		if x < min {
			min = x
		}
		if x > max {
			max = x
		}
		sum += x
	}
	return min, max, sum / float64(len(xs))
}

func pair() (int, string) { return 7, "seven" }

func takesTwo(n int, s string) string { return fmt.Sprint(n, "=", s) }

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	fmt.Println(divmod(-17, 5))
	for _, in := range []string{"a=1", "noeq", "k=v=w"} {
		k, v, err := parseKV(in)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%q => %q\n", k, v)
	}
	fmt.Println(stats(3, 1, 4, 1, 5))
	fmt.Println(stats())
	fmt.Println(takesTwo(pair()))
	_, s := pair()
	fmt.Println(s)
	var a, b, c = 1, "b", 3.5
	fmt.Println(a, b, c)
	a, c2 := 2, "new"
	fmt.Println(a, c2)
}
