package main

import (
	"fmt"
	"math"
)

type Vertex struct {
	X, Y float64
}

func (v Vertex) Abs() float64 {
	return math.Sqrt(v.X*v.X + v.Y*v.Y)
}

func (v *Vertex) Scale(f float64) {
	v.X = v.X * f
	v.Y = v.Y * f
}

func (v Vertex) ScaleCopy(f float64) Vertex {
	v.X *= f
	v.Y *= f
	return v
}

type MyFloat float64

func (f MyFloat) Abs() float64 {
	if f < 0 {
		return float64(-f)
	}
	return float64(f)
}

func main() {
	v := Vertex{3, 4}
	fmt.Println(v.Abs())
	v.Scale(10)
	fmt.Println(v, v.Abs())

	p := &Vertex{1, 2}
	p.Scale(2)
	fmt.Println(*p, p.Abs())

	w := v.ScaleCopy(0.5)
	fmt.Println(v, w)

	f := MyFloat(-math.Sqrt2)
	fmt.Printf("%.4f %T\n", f.Abs(), f)

	vs := []Vertex{{1, 1}, {2, 2}}
	for i := range vs {
		vs[i].Scale(3)
	}
	fmt.Println(vs)
	for _, x := range vs {
		x.Scale(100) // modifies the copy only
	}
	fmt.Println(vs)

	m := map[string]*Vertex{"a": {1, 0}}
	m["a"].Scale(7)
	fmt.Println(*m["a"])
}
