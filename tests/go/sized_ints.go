package main

import (
	"fmt"
	"math"
)

func main() {
	var b byte = 250
	b += 10
	fmt.Println(b)

	var i8 int8 = 127
	i8++
	fmt.Println(i8)
	i8 = -128
	i8--
	fmt.Println(i8)

	var u32 uint32 = math.MaxUint32
	u32 += 2
	fmt.Println(u32)

	var u16 uint16 = 0
	u16--
	fmt.Println(u16)

	var i16 int16 = 300 * 100
	i16 *= 2
	fmt.Println(i16)

	x := 1000
	fmt.Println(byte(x), int8(x), uint16(x*100), int32(x*x*x*10))

	var u8 uint8 = 0b1010_1010
	fmt.Println(u8>>1, u8<<1, ^u8, u8&^0x0F)

	var h uint32 = 2166136261
	for _, c := range []byte("hello") {
		h ^= uint32(c)
		h *= 16777619
	}
	fmt.Println("fnv32a(hello) =", h)

	var u64 uint64 = 1<<63 + 5
	fmt.Println(u64, u64/3, u64%7)
	var i64 int64 = math.MaxInt64
	i64++
	fmt.Println(i64 == math.MinInt64)

	r := rune('A')
	r += 2
	fmt.Printf("%c %d %T\n", r, r, r)
	f32 := float32(0.1)
	fmt.Println(f32, float64(f32) == 0.1, f32*3)
	fmt.Printf("%T %T %T %T\n", b, i8, u32, f32)
}
