package main

import (
	"fmt"
	"unicode/utf8"
)

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func main() {
	s := "héllo, 世界!"
	fmt.Println(len(s), utf8.RuneCountInString(s))
	for i, r := range s {
		fmt.Printf("%d:%c(%U) ", i, r, r)
	}
	fmt.Println()
	for i := 0; i < 4; i++ {
		fmt.Printf("%x ", s[i])
	}
	fmt.Println()
	fmt.Println(reverse(s))
	b := []byte(s)
	fmt.Println(len(b), b[:3])
	r, size := utf8.DecodeRuneInString(s[1:])
	fmt.Println(string(r), size)
	fmt.Println(s[7:10], string(s[0]), s[len(s)-1:])
	fmt.Printf("%q %+q %x % x\n", "日本", "日本", "hi", "hi")
	bad := string([]byte{0xff, 'a'})
	for _, r := range bad {
		fmt.Print(r, " ")
	}
	fmt.Println(utf8.ValidString(bad))
	fmt.Println(string(rune(65)), string(rune(0x4e16)))
	var count [128]int
	for _, c := range "mississippi" {
		count[c]++
	}
	fmt.Println(count['s'], count['i'], count['p'], count['m'])
}
