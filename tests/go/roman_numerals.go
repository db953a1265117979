package main

import (
	"fmt"
	"strings"
)

var table = []struct {
	value  int
	symbol string
}{
	{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
	{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"},
	{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"},
}

func toRoman(n int) string {
	var sb strings.Builder
	for _, t := range table {
		for n >= t.value {
			sb.WriteString(t.symbol)
			n -= t.value
		}
	}
	return sb.String()
}

func fromRoman(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	total := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total
}

func main() {
	for _, n := range []int{1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999} {
		r := toRoman(n)
		fmt.Printf("%4d = %-12s back = %d\n", n, r, fromRoman(r))
	}
	ok := true
	for n := 1; n < 4000; n++ {
		if fromRoman(toRoman(n)) != n {
			ok = false
		}
	}
	fmt.Println("round trip 1..3999:", ok)
}
