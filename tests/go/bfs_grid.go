package main

import "fmt"

type P struct{ R, C int }

func bfs(grid []string, start, goal P) (int, []P) {
	rows, cols := len(grid), len(grid[0])
	dist := map[P]int{start: 0}
	prev := map[P]P{}
	queue := []P{start}
	dirs := []P{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == goal {
			var path []P
			for p := goal; p != start; p = prev[p] {
				path = append([]P{p}, path...)
			}
			return dist[cur], append([]P{start}, path...)
		}
		for _, d := range dirs {
			n := P{cur.R + d.R, cur.C + d.C}
			if n.R < 0 || n.R >= rows || n.C < 0 || n.C >= cols || grid[n.R][n.C] == '#' {
				continue
			}
			if _, seen := dist[n]; !seen {
				dist[n] = dist[cur] + 1
				prev[n] = cur
				queue = append(queue, n)
			}
		}
	}
	return -1, nil
}

func main() {
	grid := []string{
		"S..#......",
		".#.#.####.",
		".#...#....",
		".####.#.#.",
		"......#.#G",
	}
	d, path := bfs(grid, P{0, 0}, P{4, 9})
	fmt.Println("distance:", d)
	canvas := make([][]byte, len(grid))
	for i := range grid {
		canvas[i] = []byte(grid[i])
	}
	for _, p := range path[1 : len(path)-1] {
		canvas[p.R][p.C] = '*'
	}
	for _, row := range canvas {
		fmt.Println(string(row))
	}
	d2, _ := bfs([]string{"S#", "#G"}, P{0, 0}, P{1, 1})
	fmt.Println("blocked:", d2)

	// BFS on an adjacency list
	graph := map[string][]string{"a": {"b", "c"}, "b": {"d"}, "c": {"d", "e"}, "d": {"f"}, "e": {"f"}, "f": nil}
	order := []string{}
	seen := map[string]bool{"a": true}
	q := []string{"a"}
	for len(q) > 0 {
		n := q[0]
		q = q[1:]
		order = append(order, n)
		for _, m := range graph[n] {
			if !seen[m] {
				seen[m] = true
				q = append(q, m)
			}
		}
	}
	fmt.Println(order)
}
