package main

import "fmt"

type ID int
type Name string

func main() {
	m := map[interface{}]string{}
	m[1] = "int one"
	m["1"] = "string one"
	m[1.0] = "float one"
	m[ID(1)] = "ID one"
	m[true] = "bool"
	m[[2]int{1, 2}] = "array"
	m[struct{ A, B int }{1, 2}] = "struct"
	fmt.Println(len(m))
	for _, k := range []interface{}{1, "1", 1.0, ID(1), true, [2]int{1, 2}, struct{ A, B int }{1, 2}, Name("1"), 2} {
		v, ok := m[k]
		fmt.Printf("%T %v -> %q %v\n", k, k, v, ok)
	}
	var a, b interface{} = ID(5), 5
	fmt.Println(a == b, a == interface{}(ID(5)))
	n1, n2 := Name("x"), "x"
	fmt.Println(string(n1) == n2, interface{}(n1) == interface{}(n2))
	defer func() { fmt.Println("recovered:", recover()) }()
	m[[]int{1}] = "slice key"
}
