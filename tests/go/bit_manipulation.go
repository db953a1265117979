package main

import "fmt"

func popcount(x uint64) int {
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

func isPowerOfTwo(x int) bool { return x > 0 && x&(x-1) == 0 }

func reverseBits(x uint8) uint8 {
	var r uint8
	for i := 0; i < 8; i++ {
		r = r<<1 | x&1
		x >>= 1
	}
	return r
}

type Perm uint8

const (
	Read Perm = 1 << iota
	Write
	Exec
)

func (p Perm) String() string {
	s := []byte("---")
	if p&Read != 0 {
		s[0] = 'r'
	}
	if p&Write != 0 {
		s[1] = 'w'
	}
	if p&Exec != 0 {
		s[2] = 'x'
	}
	return string(s)
}

func main() {
	for _, v := range []uint64{0, 1, 255, 1<<40 | 7, ^uint64(0)} {
		fmt.Print(popcount(v), " ")
	}
	fmt.Println()
	for _, v := range []int{0, 1, 6, 64, 1023, 1024} {
		fmt.Print(isPowerOfTwo(v), " ")
	}
	fmt.Println()
	fmt.Printf("%08b -> %08b\n", 0b00010110, reverseBits(0b00010110))
	p := Read | Exec
	fmt.Println(p, p|Write, p&^Read, Perm(0))
	x := 0xF0F0
	fmt.Printf("%x %x %x %x\n", x&0xFF, x|0x0F, x^0xFFFF, x&^0xF000)
	fmt.Println(1<<10, -16>>2, uint32(1)<<31, int8(-128)>>1)
	var sh uint = 3
	fmt.Println(5<<sh, 40>>sh)
	var set uint32
	for _, b := range []int{1, 5, 9, 31} {
		set |= 1 << b
	}
	fmt.Printf("%032b %d\n", set, set)
}
