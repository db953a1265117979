package main

import "fmt"

func main() {
	s := make([]int, 3, 5)
	fmt.Println(s[1:5])
	i := 6
	fmt.Println(s[2:i])
}
