package main

import "fmt"

type Inner struct {
	Vals [3]int
	Tags []string
}

type Outer struct {
	Name  string
	In    Inner
	Ptr   *Inner
	Table map[string]Inner
}

func mutate(o Outer) {
	o.Name = "changed"
	o.In.Vals[0] = 100
	o.In.Tags[0] = "shared"
	o.Ptr.Vals[0] = 200
}

func mutatePtr(o *Outer) {
	o.Name = "changed"
	o.In.Vals[0] = 100
}

func main() {
	o := Outer{Name: "orig", In: Inner{[3]int{1, 2, 3}, []string{"a", "b"}}, Ptr: &Inner{}}
	mutate(o)
	fmt.Println(o.Name, o.In.Vals, o.In.Tags, o.Ptr.Vals)
	mutatePtr(&o)
	fmt.Println(o.Name, o.In.Vals)

	arr := [2]Inner{}
	arr[0].Vals[1] = 5
	cp := arr
	cp[0].Vals[1] = 6
	fmt.Println(arr[0].Vals, cp[0].Vals)

	list := []Inner{{Vals: [3]int{1}}}
	for _, it := range list {
		it.Vals[0] = 99
	}
	fmt.Println(list[0].Vals)
	for i := range list {
		list[i].Vals[0] = 42
	}
	fmt.Println(list[0].Vals)

	o.Table = map[string]Inner{"k": {Vals: [3]int{7}}}
	t := o.Table["k"]
	t.Vals[0] = 8
	fmt.Println(o.Table["k"].Vals[0], t.Vals[0])
	o.Table["k"] = t
	fmt.Println(o.Table["k"].Vals[0])

	p := &o.In
	p.Vals[2] = -1
	fmt.Println(o.In.Vals)
	q := o
	q.In.Vals[2] = -2
	fmt.Println(o.In.Vals[2], q.In.Vals[2])
	ch := make(chan Inner, 1)
	ch <- o.In
	o.In.Vals[1] = 55
	got := <-ch
	fmt.Println(got.Vals, o.In.Vals)
}
