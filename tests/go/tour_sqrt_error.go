package main

import (
	"fmt"
	"math"
)

type ErrNegativeSqrt float64

func (e ErrNegativeSqrt) Error() string {
	return fmt.Sprintf("cannot Sqrt negative number: %v", float64(e))
}

func Sqrt(x float64) (float64, error) {
	if x < 0 {
		return 0, ErrNegativeSqrt(x)
	}
	z := 1.0
	for i := 0; i < 20; i++ {
		next := z - (z*z-x)/(2*z)
		if math.Abs(next-z) < 1e-12 {
			break
		}
		z = next
	}
	return z, nil
}

func main() {
	for _, x := range []float64{2, 9, 0.25, -2, 1e10} {
		v, err := Sqrt(x)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("Sqrt(%g) = %.6f (math: %.6f)\n", x, v, math.Sqrt(x))
	}
	pow := func(x, n, lim float64) float64 {
		if v := math.Pow(x, n); v < lim {
			return v
		}
		return lim
	}
	fmt.Println(pow(3, 2, 10), pow(3, 3, 20))
	fmt.Println(math.Floor(2.7), math.Ceil(2.1), math.Round(-2.5), math.Trunc(-2.7))
	fmt.Println(math.MaxInt32, math.Inf(1), -math.Inf(1), math.NaN())
	fmt.Printf("%.3f %.3f %.3f\n", math.Sin(math.Pi/6), math.Log(math.E), math.Hypot(3, 4))
}
