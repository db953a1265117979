package main

import (
	"fmt"
	"math"
)

func main() {
	x := math.MaxInt64
	x++
	fmt.Println(x == math.MinInt64, x)
	var u uint = 0
	u--
	fmt.Println(u == math.MaxUint64, u)
	var i32 int32 = math.MaxInt32
	i32 += 1
	fmt.Println(i32)
	a := int64(1) << 62
	fmt.Println(a*2, a*4)
	var u8 uint8 = 200
	fmt.Println(u8+100, u8*2, -u8)
	h := 0
	for _, c := range "overflowing hash" {
		h = h*31 + int(c)
	}
	fmt.Println(h)
	fact := 1
	for i := 1; i <= 25; i++ {
		fact *= i
	}
	fmt.Println("25! wraps to", fact)
	var m int16 = -32768
	fmt.Println(-m, m/-1, m*-1)
	u16, u32 := uint16(65535), uint32(1<<32-1)
	fmt.Println(u16+1, u32*2)
}
