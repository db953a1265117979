// encoding/json calls UnmarshalJSON methods: on named ints, strings, structs,
// slices; in fields, slice elements, map values and at the top level; with
// the raw bytes of the value; its error stops decoding and is returned.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

type Level int

func (l *Level) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	switch s {
	case "debug":
		*l = 1
	case "info":
		*l = 2
	case "warn":
		*l = 3
	case "null":
		*l = -1
	default:
		return fmt.Errorf("bad level %q", s)
	}
	return nil
}

type Upper string

func (u *Upper) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*u = Upper(strings.ToUpper(s))
	return nil
}

// Point accepts "x,y" or [x, y].
type Point struct{ X, Y int }

func (p *Point) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var a []int
		if err := json.Unmarshal(b, &a); err != nil {
			return err
		}
		if len(a) != 2 {
			return errors.New("point: need 2 numbers")
		}
		p.X, p.Y = a[0], a[1]
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	_, err := fmt.Sscanf(s, "%d,%d", &p.X, &p.Y)
	return err
}

// Raw records what it was given.
type Raw []string

func (r *Raw) UnmarshalJSON(b []byte) error {
	*r = append(*r, string(b))
	return nil
}

// Echo has a value receiver: it is called, but cannot change anything.
type Echo struct{ N int }

func (e Echo) UnmarshalJSON(b []byte) error {
	fmt.Printf("Echo.UnmarshalJSON(%s)\n", b)
	return nil
}

type Inner struct{ A int }

func (in *Inner) UnmarshalJSON(b []byte) error {
	in.A = len(b)
	return nil
}

// Outer embeds Inner: the promoted UnmarshalJSON takes the whole object.
type Outer struct {
	Inner
	B int
}

type Cfg struct {
	Name string  `json:"name"`
	Lvl  Level   `json:"level"`
	Up   Upper   `json:"up"`
	At   Point   `json:"at"`
	PL   *Level  `json:"pl"`
	Raw  Raw     `json:"raw"`
	Ls   []Level `json:"ls"`
	Tail int     `json:"tail"`
}

type Boom int

func (b *Boom) UnmarshalJSON([]byte) error { panic("boom") }

func main() {
	var c Cfg
	err := json.Unmarshal([]byte(`{"name":"svc","level":"info","up":"hi","at":"3,4",
		"pl":"warn","raw":[1, 2 ,{"a" : "b"}],"ls":["debug","warn",null],"tail":7}`), &c)
	fmt.Println(err)
	pv := *c.PL
	c.PL = nil
	fmt.Printf("%+v %d\n", c, pv)
	fmt.Println(len(c.Raw), c.Raw[0])

	// null: a Level is asked (gets "null"), a *Level becomes nil.
	c = Cfg{}
	err = json.Unmarshal([]byte(`{"level":null,"pl":null,"up":null,"raw":null}`), &c)
	fmt.Println(err, c.Lvl, c.PL == nil, c.Up == "", c.Raw)

	// The method's error stops decoding at once and is returned as is.
	c = Cfg{}
	err = json.Unmarshal([]byte(`{"name":"a","level":"loud","tail":9}`), &c)
	fmt.Println(err)
	fmt.Printf("%+v\n", c)
	var be interface{ Error() string } = err
	fmt.Printf("%T %v\n", be, errors.Unwrap(err) == nil)

	// An earlier type error is replaced by the method's error.
	c = Cfg{}
	err = json.Unmarshal([]byte(`{"name":5,"level":"nope"}`), &c)
	fmt.Println(err)
	c = Cfg{}
	err = json.Unmarshal([]byte(`{"name":5,"level":"warn"}`), &c)
	fmt.Println(err, c.Lvl)

	// Points as strings and arrays; errors from the nested Unmarshal.
	var ps []Point
	fmt.Println(json.Unmarshal([]byte(`["1,2", [5, 6], "7,8"]`), &ps), ps)
	fmt.Println(json.Unmarshal([]byte(`[[1]]`), &ps), ps)
	fmt.Println(json.Unmarshal([]byte(`[true]`), &ps))

	// Top level, map values, pointers.
	var l Level
	fmt.Println(json.Unmarshal([]byte(`"warn"`), &l), l)
	fmt.Println(json.Unmarshal([]byte(`null`), &l), l)
	fmt.Println(json.Unmarshal([]byte(` 12 `), &l), l)
	var pl *Level
	fmt.Println(json.Unmarshal([]byte(`"debug"`), &pl), *pl)
	fmt.Println(json.Unmarshal([]byte(`null`), &pl), pl == nil)
	m := map[string]Level{}
	fmt.Println(json.Unmarshal([]byte(`{"a":"info","b":"debug"}`), &m), m)
	mp := map[string]*Point{}
	fmt.Println(json.Unmarshal([]byte(`{"p":"9,10","q":null}`), &mp), *mp["p"], mp["q"])
	var u Upper
	fmt.Println(json.Unmarshal([]byte(`"shout"`), &u), u)
	fmt.Println(json.Unmarshal([]byte(`17`), &u), u)

	// Value receiver: called, nothing stored.
	var e Echo
	fmt.Println(json.Unmarshal([]byte(`{"N": 3}`), &e), e)
	var es struct{ E Echo }
	fmt.Println(json.Unmarshal([]byte(`{"E": [1,2]}`), &es), es)

	// Promoted from an embedded struct: the whole object goes to Inner.
	var o Outer
	fmt.Println(json.Unmarshal([]byte(`{"A": 1, "B": 2}`), &o), o)

	// Decoder.Decode calls the methods too.
	dec := json.NewDecoder(strings.NewReader(`"info" "warn" "bad" 1`))
	for {
		var l Level
		err := dec.Decode(&l)
		if err != nil {
			fmt.Println("decode:", err)
			if err.Error() != `bad level "bad"` {
				break
			}
			continue
		}
		fmt.Println("level", l)
	}

	// A panic in the method goes through Unmarshal.
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var b Boom
		json.Unmarshal([]byte(`1`), &b)
	}()
}
