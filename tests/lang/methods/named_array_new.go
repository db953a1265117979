package main

import "fmt"

type Grid [2][2]int

func (g *Grid) solve() int { g[0][1] = 5; return g[0][0] + g[0][1] }

func main() {
	g := new(Grid)
	fmt.Println(g.solve(), *g)
	var h Grid
	p := &h
	fmt.Println(p.solve(), h)
	fmt.Printf("%T %T\n", g, h)
}
