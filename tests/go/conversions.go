package main

import (
	"fmt"
	"time"
)

type Celsius float64
type Kelvin float64

type PointA struct{ X, Y int }
type PointB struct{ X, Y int }

type Meters int

func main() {
	c := Celsius(25.5)
	k := Kelvin(c + 273.15)
	fmt.Printf("%.2f %T\n", k, k)
	a := PointA{1, 2}
	b := PointB(a)
	fmt.Printf("%v %T\n", b, b)
	var m Meters = 1500
	km := float64(m) / 1000
	fmt.Println(km, int(km), Meters(km*2))
	d := time.Duration(1.5 * float64(time.Second))
	fmt.Println(d, time.Duration(2)*time.Minute, d/time.Millisecond)
	secs := 90
	fmt.Println(time.Duration(secs) * time.Second)
	var i8 int8 = -1
	fmt.Println(uint8(i8), uint16(i8), int(i8), uint32(int64(i8)-1))
	f := 3.7
	fmt.Println(int(f), int(-f), uint8(int(f)+254))
	r := 'é'
	fmt.Println(string(r), []byte(string(r)), []rune("héé"), string([]rune{104, 105}))
	s := fmt.Sprint(42)
	fmt.Printf("%q %q\n", s, string(rune(42)))
	var x interface{} = c
	if v, ok := x.(Celsius); ok {
		fmt.Println("celsius", float64(v))
	}
	if _, ok := x.(float64); !ok {
		fmt.Println("not a plain float64")
	}
}
