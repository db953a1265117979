package main

import (
	"fmt"
	"sort"
)

func main() {
	point := struct {
		X, Y int
	}{3, 4}
	fmt.Println(point, point.X+point.Y)

	tests := []struct {
		name string
		in   int
		want int
	}{
		{"zero", 0, 0},
		{"one", 1, 1},
		{"five", 5, 25},
		{"neg", -3, 9},
	}
	for _, tc := range tests {
		got := tc.in * tc.in
		status := "ok"
		if got != tc.want {
			status = "FAIL"
		}
		fmt.Printf("%-5s %3d -> %3d %s\n", tc.name, tc.in, got, status)
	}

	config := struct {
		Host string
		Port int
		Tags []string
	}{Host: "localhost", Port: 8080}
	config.Tags = append(config.Tags, "dev")
	fmt.Printf("%+v\n", config)

	counts := map[string]struct{ n, total int }{}
	for _, v := range []struct {
		k string
		x int
	}{{"a", 1}, {"b", 5}, {"a", 3}} {
		c := counts[v.k]
		c.n++
		c.total += v.x
		counts[v.k] = c
	}
	keys := make([]string, 0)
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, counts[k].n, counts[k].total)
	}
	empty := struct{}{}
	fmt.Println(empty, struct{}{} == empty)
}
