package main

import (
	"container/heap"
	"fmt"
	"strings"
)

type Edge struct {
	to     string
	weight int
}

type Graph map[string][]Edge

type entry struct {
	node string
	dist int
}

type minHeap []entry

func (h minHeap) Len() int            { return len(h) }
func (h minHeap) Less(i, j int) bool  { return h[i].dist < h[j].dist }
func (h minHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x interface{}) { *h = append(*h, x.(entry)) }
func (h *minHeap) Pop() interface{} {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

func shortest(g Graph, src string) (map[string]int, map[string]string) {
	dist := map[string]int{src: 0}
	prev := map[string]string{}
	h := &minHeap{{src, 0}}
	for h.Len() > 0 {
		cur := heap.Pop(h).(entry)
		if cur.dist > dist[cur.node] {
			continue
		}
		for _, e := range g[cur.node] {
			nd := cur.dist + e.weight
			if d, ok := dist[e.to]; !ok || nd < d {
				dist[e.to] = nd
				prev[e.to] = cur.node
				heap.Push(h, entry{e.to, nd})
			}
		}
	}
	return dist, prev
}

func path(prev map[string]string, to string) string {
	p := []string{to}
	for {
		f, ok := prev[p[0]]
		if !ok {
			break
		}
		p = append([]string{f}, p...)
	}
	return strings.Join(p, "->")
}

func main() {
	g := Graph{
		"A": {{"B", 7}, {"C", 9}, {"F", 14}},
		"B": {{"A", 7}, {"C", 10}, {"D", 15}},
		"C": {{"A", 9}, {"B", 10}, {"D", 11}, {"F", 2}},
		"D": {{"B", 15}, {"C", 11}, {"E", 6}},
		"E": {{"D", 6}, {"F", 9}},
		"F": {{"A", 14}, {"C", 2}, {"E", 9}},
		"G": nil,
	}
	dist, prev := shortest(g, "A")
	for _, n := range []string{"A", "B", "C", "D", "E", "F", "G"} {
		if d, ok := dist[n]; ok {
			fmt.Printf("%s: %2d via %s\n", n, d, path(prev, n))
		} else {
			fmt.Printf("%s: unreachable\n", n)
		}
	}
}
