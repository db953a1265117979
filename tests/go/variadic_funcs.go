package main

import (
	"fmt"
	"strings"
)

func sum(nums ...int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}

func join(sep string, parts ...string) string {
	return strings.Join(parts, sep)
}

func logf(format string, args ...interface{}) string {
	return fmt.Sprintf("[log] "+format, args...)
}

func minMax(first int, rest ...int) (min, max int) {
	min, max = first, first
	for _, v := range rest {
		if v < min {
			min = v
		}
		if v > max {
			max = v
		}
	}
	return
}

func apply(f func(...int) int, groups ...[]int) []int {
	var out []int
	for _, g := range groups {
		out = append(out, f(g...))
	}
	return out
}

func main() {
	fmt.Println(sum(), sum(1), sum(1, 2, 3))
	nums := []int{4, 5, 6}
	fmt.Println(sum(nums...))
	fmt.Println(join("-", "a", "b", "c"), join(","))
	fmt.Println(logf("%d items, %s", 3, "ok"))
	fmt.Println(logf("no args"))
	fmt.Println(minMax(5, 3, 9, -2, 7))
	fmt.Println(minMax(1))
	fmt.Println(apply(sum, []int{1, 2}, nil, []int{10, 20, 30}))
	all := append([]int{0}, nums...)
	all = append(all, 7, 8)
	fmt.Println(all, len(all))
	var ifs []interface{}
	ifs = append(ifs, 1, "two", 3.0, nil)
	fmt.Println(ifs...)
	fmt.Println(len(ifs))
}
