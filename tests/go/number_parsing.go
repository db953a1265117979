package main

import (
	"fmt"
	"strconv"
)

func main() {
	f, _ := strconv.ParseFloat("1.234", 64)
	fmt.Println(f)
	i, _ := strconv.ParseInt("123", 0, 64)
	fmt.Println(i)
	d, _ := strconv.ParseInt("0x1c8", 0, 64)
	fmt.Println(d)
	u, _ := strconv.ParseUint("789", 0, 64)
	fmt.Println(u)
	k, _ := strconv.Atoi("135")
	fmt.Println(k)
	_, e := strconv.Atoi("wat")
	fmt.Println(e)
	o, _ := strconv.ParseInt("0o17", 0, 64)
	b, _ := strconv.ParseInt("0b101", 0, 64)
	fmt.Println(o, b)
	var x, y int
	var name string
	n, err := fmt.Sscanf("10 20 gopher", "%d %d %s", &x, &y, &name)
	fmt.Println(n, err, x+y, name)
	var fl float64
	var word string
	n, err = fmt.Sscan("3.5 word", &fl, &word)
	fmt.Println(n, err, fl*2, word)
	fmt.Println(strconv.FormatInt(-1234567, 10), strconv.FormatUint(1<<63, 16))
	fmt.Println(strconv.ParseFloat("1e400", 64))
	fmt.Println(strconv.ParseFloat("-0.0", 64))
}
