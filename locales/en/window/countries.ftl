# Countries the window offers by name (a customer's country, the default phone region), by
# ISO 3166-1 code; any other two-letter code can be typed.

country-ar = Argentina
country-au = Australia
country-at = Austria
country-be = Belgium
country-br = Brazil
country-ca = Canada
country-cn = China
country-dk = Denmark
country-fi = Finland
country-fr = France
country-de = Germany
country-gr = Greece
country-in = India
country-ir = Iran
country-ie = Ireland
country-it = Italy
country-jp = Japan
country-lu = Luxembourg
country-mx = Mexico
country-nl = Netherlands
country-nz = New Zealand
country-no = Norway
country-pl = Poland
country-pt = Portugal
country-sg = Singapore
country-za = South Africa
country-es = Spain
country-se = Sweden
country-ch = Switzerland
country-tr = Türkiye
country-ae = United Arab Emirates
country-gb = United Kingdom
country-us = United States
