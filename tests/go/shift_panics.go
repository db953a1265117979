package main

import "fmt"

func shift(x int, n int) int { return x << n }

func main() {
	fmt.Println(shift(1, 3), shift(1, 63), shift(1, 64), shift(-1, 70))
	var u uint8 = 1
	fmt.Println(u<<7, u<<8, int64(1)>>70, -8>>1)
	n := -1
	fmt.Println(shift(1, n))
}
