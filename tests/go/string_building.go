package main

import (
	"fmt"
	"strings"
)

func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line == "" {
			line = w
		} else if len(line)+1+len(w) <= width {
			line += " " + w
		} else {
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func center(s string, w int) string {
	if len(s) >= w {
		return s
	}
	left := (w - len(s)) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-len(s)-left)
}

func main() {
	text := "Go is an open source programming language that makes it simple to build secure, scalable systems."
	for i, l := range wrap(text, 24) {
		fmt.Printf("%2d |%-24s|\n", i+1, l)
	}
	fmt.Printf("[%s]\n", center("title", 11))
	s := ""
	for i := 0; i < 5; i++ {
		s += fmt.Sprint(i)
	}
	s += "!"
	fmt.Println(s, len(s))
	parts := strings.Split("2024-01-15", "-")
	fmt.Println(parts[2]+"/"+parts[1]+"/"+parts[0], strings.Join(parts, ""))
	fmt.Println(strings.Repeat("ab", 3) < "abac", "Z" < "a", "apple" > "app")
	var sb strings.Builder
	for i, r := range "gopher" {
		if i > 0 {
			sb.WriteByte('-')
		}
		sb.WriteRune(r - 32)
	}
	fmt.Println(sb.String())
}
