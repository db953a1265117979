package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{"42", "-17", "3.14", "abc", "99999999999999999999", ""} {
		n, err := strconv.Atoi(s)
		if err != nil {
			fmt.Println("Atoi error:", err)
			continue
		}
		fmt.Println("Atoi:", n)
	}
	f, err := strconv.ParseFloat("2.71828", 64)
	fmt.Println(f, err)
	b, err := strconv.ParseBool("true")
	fmt.Println(b, err)
	_, err = strconv.ParseBool("yes")
	fmt.Println(err)
	i, err := strconv.ParseInt("-ff", 16, 64)
	fmt.Println(i, err)
	u, err := strconv.ParseUint("1010", 2, 8)
	fmt.Println(u, err)
	_, err = strconv.ParseInt("300", 10, 8)
	fmt.Println(err)
	fmt.Println(strconv.Itoa(-45), strconv.FormatInt(255, 2), strconv.FormatInt(255, 16), strconv.FormatInt(-255, 36))
	fmt.Println(strconv.FormatFloat(3.14159, 'f', 2, 64), strconv.FormatFloat(1e21, 'g', -1, 64), strconv.FormatFloat(0.000012, 'e', 3, 64))
	fmt.Println(strconv.Quote("hi\n\"there\""), strconv.QuoteRune('☺'), strconv.QuoteToASCII("日本"))
	s, err := strconv.Unquote(`"a\tb"`)
	fmt.Printf("%q %v\n", s, err)
	fmt.Println(strconv.FormatBool(false) + "!")
	v := 0
	for _, tok := range []string{"10", "20", "x", "30"} {
		if n, err := strconv.Atoi(tok); err == nil {
			v += n
		}
	}
	fmt.Println("sum", v)
}
