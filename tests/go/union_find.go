package main

import (
	"fmt"
	"sort"
)

type DSU struct {
	parent, rank []int
	sets         int
}

func NewDSU(n int) *DSU {
	d := &DSU{parent: make([]int, n), rank: make([]int, n), sets: n}
	for i := range d.parent {
		d.parent[i] = i
	}
	return d
}

func (d *DSU) Find(x int) int {
	for d.parent[x] != x {
		d.parent[x] = d.parent[d.parent[x]]
		x = d.parent[x]
	}
	return x
}

func (d *DSU) Union(a, b int) bool {
	ra, rb := d.Find(a), d.Find(b)
	if ra == rb {
		return false
	}
	if d.rank[ra] < d.rank[rb] {
		ra, rb = rb, ra
	}
	d.parent[rb] = ra
	if d.rank[ra] == d.rank[rb] {
		d.rank[ra]++
	}
	d.sets--
	return true
}

type Edge struct{ u, v, w int }

func main() {
	edges := []Edge{{0, 1, 4}, {0, 7, 8}, {1, 2, 8}, {1, 7, 11}, {2, 3, 7}, {2, 8, 2}, {2, 5, 4},
		{3, 4, 9}, {3, 5, 14}, {4, 5, 10}, {5, 6, 2}, {6, 7, 1}, {6, 8, 6}, {7, 8, 7}}
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].w < edges[j].w })
	d := NewDSU(9)
	total := 0
	var mst []Edge
	for _, e := range edges {
		if d.Union(e.u, e.v) {
			total += e.w
			mst = append(mst, e)
		}
	}
	fmt.Println("MST weight:", total)
	for _, e := range mst {
		fmt.Printf("%d-%d(%d) ", e.u, e.v, e.w)
	}
	fmt.Println()
	d2 := NewDSU(10)
	for _, p := range [][2]int{{0, 1}, {2, 3}, {1, 3}, {5, 6}, {7, 7}} {
		d2.Union(p[0], p[1])
	}
	fmt.Println("components:", d2.sets, d2.Find(0) == d2.Find(2), d2.Find(4) == d2.Find(5))
}
