package main

import "fmt"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var names = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

func (d Weekday) String() string { return names[d] }

func (d Weekday) Weekend() bool { return d == Saturday || d == Sunday }

type ByteSize float64

const (
	_           = iota
	KB ByteSize = 1 << (10 * iota)
	MB
	GB
)

type Flags uint8

const (
	FlagRead Flags = 1 << iota
	FlagWrite
	FlagExec
)

const (
	A = iota * 10
	B
	_
	D
	E, F = iota, iota + 100
)

const big = 1 << 100
const huge = big >> 98

func main() {
	for d := Sunday; d <= Saturday; d++ {
		fmt.Printf("%v(%d) weekend=%t\n", d, d, d.Weekend())
	}
	fmt.Println(KB, MB, GB)
	fmt.Printf("%.0f %T\n", GB/MB, KB)
	perm := FlagRead | FlagExec
	fmt.Printf("%03b %v %v\n", perm, perm&FlagWrite != 0, perm&FlagExec != 0)
	fmt.Println(A, B, D, E, F)
	fmt.Println(huge)
	const typed int64 = 7
	var x = typed * 2
	fmt.Printf("%T %v\n", x, x)
	const f = 2.5
	var n int = 4
	fmt.Println(f*2, float64(n)*f)
}
