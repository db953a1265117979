package main

import (
	"fmt"
	"strings"
	"unicode"
)

func capitalize(b []byte) {
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == ' '
	}
}

func isPalindrome(s string) bool {
	var rs []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}

func main() {
	b := []byte("hello gopher world")
	capitalize(b)
	fmt.Println(string(b))
	fmt.Println(b[:5])
	fmt.Printf("%s|%x|%X|%q\n", b[:5], b[:3], b[:3], b[:5])
	s := string(b)
	b[0] = 'J'
	fmt.Println(s[:5], string(b[:5]))
	rev := make([]byte, len(b))
	for i := range b {
		rev[len(b)-1-i] = b[i]
	}
	fmt.Println(string(rev))
	for _, p := range []string{"A man, a plan, a canal: Panama", "hello", "No 'x' in Nixon"} {
		fmt.Println(isPalindrome(p))
	}
	buf := make([]byte, 0, 16)
	buf = append(buf, "abc"...)
	buf = append(buf, '-', 'd')
	fmt.Println(string(buf), len(buf), cap(buf))
	var zero []byte
	fmt.Println(string(zero) == "", len(string(zero)))
	fmt.Println(strings.Compare("a", "b"), string([]byte{72, 105}))
}
