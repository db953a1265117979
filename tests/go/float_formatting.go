package main

import (
	"fmt"
	"math"
)

func main() {
	vals := []float64{0, 1, -1.5, 3.14159265, 1e6, 1e21, 1e-7, 123456789.0, 2.0 / 3}
	for _, v := range vals {
		fmt.Printf("%v|%g|%.2f|%e|%8.3f|\n", v, v, v, v, v)
	}
	fmt.Println(0.1+0.2, 0.1+0.2 == 0.3, math.Abs(0.1+0.2-0.3) < 1e-9)
	fmt.Println(float32(0.1), float64(float32(0.1)))
	fmt.Println(math.Sqrt(2), math.Pi, math.E)
	fmt.Println(7/2, 7.0/2, float64(7)/2, 7%3, -7%3, -7/2)
	fmt.Println(math.Mod(7.5, 2), math.Max(3, 7), math.Min(-1, 2))
	fmt.Println(math.Inf(1) > 1e308, math.IsNaN(math.NaN()), math.NaN() == math.NaN())
	var z float64
	fmt.Println(1/z, -1/z, z/z)
	fmt.Printf("%.0f %.1f %.3f\n", 2.5, 0.05, 1.0005)
	fmt.Printf("%6.2f|%-8.3g|%+.1e\n", math.Pi, math.Pi, -math.Pi)
	f1, f2 := 3.99, -3.99
	fmt.Println(int(f1), int(f2), int64(math.Floor(-0.5)))
	total := 0.0
	for i := 0; i < 10; i++ {
		total += 0.1
	}
	fmt.Println(total, fmt.Sprintf("%.10f", total))
}
