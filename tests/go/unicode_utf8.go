package main

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

func main() {
	s := "Hello, Wörld! 123 ñ 日本"
	var letters, digits, spaces, upper, punct int
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digits++
		case unicode.IsSpace(r):
			spaces++
		case unicode.IsPunct(r):
			punct++
		}
	}
	fmt.Println(letters, digits, spaces, upper, punct)
	fmt.Println(len(s), utf8.RuneCountInString(s))
	buf := make([]byte, 4)
	n := utf8.EncodeRune(buf, '世')
	fmt.Println(buf[:n], n, utf8.RuneLen('é'), utf8.RuneLen('a'))
	r, size := utf8.DecodeRune([]byte("€uro"))
	fmt.Printf("%c %d\n", r, size)
	r, size = utf8.DecodeLastRuneInString("añ")
	fmt.Printf("%c %d\n", r, size)
	fmt.Println(utf8.Valid([]byte{0xe2, 0x82}), utf8.ValidString("ok"))
	fmt.Println(string(unicode.ToUpper('ß')), string(unicode.ToLower('Ä')), unicode.ToTitle('a'))
	fmt.Println(unicode.IsControl('\n'), unicode.IsPrint('\t'), unicode.IsGraphic('x'))
	title := []rune("hello world")
	prev := ' '
	for i, c := range title {
		if prev == ' ' {
			title[i] = unicode.ToUpper(c)
		}
		prev = c
	}
	fmt.Println(string(title))
	fmt.Println(utf8.RuneError, string(utf8.RuneError), utf8.UTFMax)
}
