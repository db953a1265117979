package main

import (
	"fmt"
	"strings"
)

func classify(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n == 0:
		return "zero"
	case n < 10:
		return "small"
	default:
		return "large"
	}
}

func grade(score int) string {
	switch score / 10 {
	case 10, 9:
		return "A"
	case 8:
		return "B"
	case 7:
		return "C"
	}
	return "F"
}

func fall(n int) []string {
	var out []string
	switch n {
	case 0:
		out = append(out, "zero")
		fallthrough
	case 1:
		out = append(out, "one-or-fell")
		fallthrough
	case 2:
		out = append(out, "two-or-fell")
	case 3:
		out = append(out, "three")
	}
	return out
}

func kind(x interface{}) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v", v)
	case string:
		return "string of " + fmt.Sprint(len(v))
	case []int:
		return fmt.Sprintf("slice len %d", len(v))
	case error:
		return "error " + v.Error()
	case fmt.Stringer:
		return "stringer " + v.String()
	default:
		return fmt.Sprintf("other %T", v)
	}
}

type S struct{}

func (S) String() string { return "S!" }

func main() {
	for _, n := range []int{-5, 0, 7, 42} {
		fmt.Print(classify(n), " ")
	}
	fmt.Println()
	for _, s := range []int{100, 95, 85, 72, 10} {
		fmt.Print(grade(s))
	}
	fmt.Println()
	for i := 0; i < 4; i++ {
		fmt.Println(i, fall(i))
	}
	for _, x := range []interface{}{nil, 1, int64(2), "abc", []int{1}, fmt.Errorf("e"), S{}, 2.5} {
		fmt.Println(kind(x))
	}
	switch c := strings.ToLower("B"); c {
	case "a", "b":
		fmt.Println("a or b")
	}
}
