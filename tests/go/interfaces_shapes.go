package main

import (
	"fmt"
	"math"
	"sort"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }
type Square struct{ Side float64 }

func (r Rect) Area() float64       { return r.W * r.H }
func (r Rect) Perimeter() float64  { return 2 * (r.W + r.H) }
func (c Circle) Area() float64     { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (s *Square) Area() float64    { return s.Side * s.Side }
func (s *Square) Perimeter() float64 { return 4 * s.Side }

func describe(s Shape) string {
	switch v := s.(type) {
	case Rect:
		return fmt.Sprintf("rect %gx%g", v.W, v.H)
	case Circle:
		return fmt.Sprintf("circle r=%g", v.R)
	case *Square:
		return fmt.Sprintf("square side=%g", v.Side)
	default:
		return "unknown"
	}
}

func main() {
	shapes := []Shape{Rect{3, 4}, Circle{1}, &Square{2}, Rect{1, 10}}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })
	total := 0.0
	for _, s := range shapes {
		fmt.Printf("%-16s area=%7.3f perim=%7.3f\n", describe(s), s.Area(), s.Perimeter())
		total += s.Area()
	}
	fmt.Printf("total area %.2f\n", total)

	var s Shape = Circle{2}
	if c, ok := s.(Circle); ok {
		fmt.Println("is a circle with radius", c.R)
	}
	if _, ok := s.(Rect); !ok {
		fmt.Println("not a rect")
	}
	fmt.Printf("%v %+v %T\n", s, s, s)
}
