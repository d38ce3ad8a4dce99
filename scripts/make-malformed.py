#!/usr/bin/python3
"""Writes the malformed-input corpus tests/data/malformed/ (every file but README.md) and its
manifest expected.tsv. Deterministic; run from anywhere. The expected outcomes below were written
from the rules the README states, before the files were first read."""
import gzip, os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data', 'malformed')
os.makedirs(D, exist_ok=True)
for f in os.listdir(D):
    if f != 'README.md': os.remove(os.path.join(D,f))
rows=[]
def row(name, code, msg, line='-', limits='-'):
    rows.append((name, code, msg, str(line), limits))
def w(name, data, code, msg, line='-', limits='-'):
    if isinstance(data, str): data=data.encode('utf-8')
    open(os.path.join(D,name),'wb').write(data)
    row(name, code, msg, line, limits)

def gpx_lines(points=None):
    L=['<?xml version="1.0" encoding="UTF-8"?>',
       '<gpx version="1.1" creator="runaudit malformed corpus" xmlns="http://www.topografix.com/GPX/1/1">',
       '<trk><name>Corpus run</name><type>running</type><trkseg>']
    if points is None:
        points=[pt(i) for i in range(3)]
    L+=points
    L+=['</trkseg></trk>','</gpx>']
    return L
def pt(i, lat=None, lon='8.5400', ele=None, time=None, hr=None):
    lat = lat if lat is not None else '47.37%02d' % i
    ele = ele if ele is not None else '<ele>%.1f</ele>' % (408 + 0.5*i)
    time = time if time is not None else '<time>2024-05-01T06:30:%02dZ</time>' % i
    hr = hr if hr is not None else '<extensions><hr>%d</hr></extensions>' % (120+i)
    return '<trkpt lat="%s" lon="%s">%s%s%s</trkpt>' % (lat, lon, ele, time, hr)
def doc(lines, trailing=True): return '\n'.join(lines) + ('\n' if trailing else '')
G=gpx_lines()
# lines: 1 decl, 2 gpx, 3 trk, 4-6 trkpt, 7 </trkseg></trk>, 8 </gpx>
def cut(lines, n_full, partial=''):
    """n_full complete lines, then a partial line (no trailing newline)."""
    body='\n'.join(lines[:n_full])
    if partial: body += '\n' + partial
    return body

def with_lines(base, replaced):
    """@p base with the lines at the given 0-based indexes replaced, as a document."""
    return doc([replaced.get(i, line) for i, line in enumerate(base)])
def gpx_with(replaced): return with_lines(G, replaced)
def tcx_with(replaced): return with_lines(X, replaced)

T='truncated XML'
w('gpx_truncated_in_declaration.gpx', '<?xml version="1.0" enc', 'malformed_xml', T, 1)
w('gpx_truncated_in_root_tag.gpx', cut(G,1,'<gpx version="1.1" crea'), 'malformed_xml', T, 2)
w('gpx_truncated_in_start_tag.gpx', cut(G,4,'<trkpt lat="47.3701" lon="8.5400"><ele>408.5</ele><ti'), 'malformed_xml', T, 5)
w('gpx_truncated_in_attribute.gpx', cut(G,4,'<trkpt lat="47.37'), 'malformed_xml', T, 5)
w('gpx_truncated_in_text.gpx', cut(G,4,'<trkpt lat="47.3701" lon="8.5400"><ele>408.5</ele><time>2024-05-01T06:3'), 'malformed_xml', T, 5)
w('gpx_truncated_in_comment.gpx', cut(G,4,'<!-- paused here'), 'malformed_xml', T, 5)
w('gpx_truncated_between_trackpoints.gpx', cut(G,5), 'malformed_xml', T, 5)
w('gpx_truncated_after_trkseg.gpx', cut(G,6,'</trkseg>'), 'malformed_xml', T, 7)
w('gpx_truncated_before_gpx_end.gpx', cut(G,7), 'malformed_xml', T, 7)
w('gpx_truncated_in_end_tag.gpx', cut(G,7,'</gp'), 'malformed_xml', T, 8)

def tp(i, lat=None, lon='8.5400', alt=None, time=None, hr=None):
    lat = lat if lat is not None else '47.37%02d' % i
    time = time if time is not None else '2024-05-01T06:30:%02dZ' % i
    alt = alt if alt is not None else '%.1f' % (408 + 0.5*i)
    hr = hr if hr is not None else str(120+i)
    return ('<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%s</LatitudeDegrees>'
            '<LongitudeDegrees>%s</LongitudeDegrees></Position><AltitudeMeters>%s</AltitudeMeters>'
            '<HeartRateBpm><Value>%s</Value></HeartRateBpm></Trackpoint>') % (time, lat, lon, alt, hr)
def tcx_lines(points=None, track=None):
    L=['<?xml version="1.0" encoding="UTF-8"?>',
       '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">',
       '<Activities><Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id>',
       '<Lap StartTime="2024-05-01T06:30:00Z"><TotalTimeSeconds>2</TotalTimeSeconds><Track>']
    L+= points if points is not None else [tp(i) for i in range(3)]
    L+=['</Track></Lap>','</Activity></Activities>','</TrainingCenterDatabase>']
    return L
X=tcx_lines()
# lines: 1 decl, 2 root, 3 Activities, 4 Lap/Track, 5-7 trackpoints, 8 </Track></Lap>, 9 </Activity></Activities>, 10 root end
w('tcx_truncated_in_declaration.tcx', '<?xml vers', 'malformed_xml', T, 1)
w('tcx_truncated_in_attribute.tcx', cut(X,3,'<Lap StartTime="2024-05-01T06:3'), 'malformed_xml', T, 4)
w('tcx_truncated_in_start_tag.tcx', cut(X,5,'<Trackpoint><Time>2024-05-01T06:30:01Z</Time><Posi'), 'malformed_xml', T, 6)
w('tcx_truncated_between_trackpoints.tcx', cut(X,6), 'malformed_xml', T, 6)
w('tcx_truncated_after_track.tcx', cut(X,7,'</Track>'), 'malformed_xml', T, 8)
w('tcx_truncated_before_root_end.tcx', cut(X,9), 'malformed_xml', T, 9)
w('tcx_truncated_in_end_tag.tcx', cut(X,9,'</TrainingCenterDatab'), 'malformed_xml', T, 10)

# structure
w('gpx_wrong_root_trk.gpx', doc(['<?xml version="1.0"?>', '<trk><trkseg>', pt(0), '</trkseg></trk>']),
  'wrong_root', 'root element <trk> is neither <gpx> nor <TrainingCenterDatabase>', 2)
w('tcx_wrong_root_activities.tcx', doc(['<?xml version="1.0"?>', '<Activities><Activity Sport="Running">', '</Activity></Activities>']),
  'wrong_root', 'root element <Activities>', 2)
w('gpx_mismatched_tags.gpx', gpx_with({4: G[4].replace('</trkpt>','</trkseg>')}), 'malformed_xml', 'malformed XML: Start-end tags mismatch', 5)
w('tcx_mismatched_tags.tcx', tcx_with({5: X[5].replace('</Position>','</Positon>')}), 'malformed_xml', 'malformed XML: Start-end tags mismatch', 6)

# encodings
g=list(G); g[2]=g[2].replace('Corpus run','Run \udcff\udcfe end')
w('gpx_invalid_utf8_in_name.gpx', doc(g).encode('utf-8','surrogateescape'), 'ok', "name='Run \ufffd\ufffd end' samples=3")
g=list(G); g[3]=g[3].replace('<extensions>','<extensions><x\udcff\udcfey>1</x\udcff\udcfey>')
w('gpx_invalid_utf8_in_tag_name.gpx', doc(g).encode('utf-8','surrogateescape'), 'ok', 'samples=3 elevations=3 heart_rates=3')
def u16(text, enc, bom):
    b=text.encode(enc)
    return (('\ufeff'.encode(enc)) if bom else b'') + b
g=list(G); g[0]='<?xml version="1.0" encoding="UTF-16"?>'
U=doc(g)
w('gpx_utf16le_bom.gpx', u16(U,'utf-16-le',True), 'ok', "name='Corpus run' samples=3 elevations=3 heart_rates=3")
w('gpx_utf16be_bom.gpx', u16(U,'utf-16-be',True), 'ok', "name='Corpus run' samples=3 elevations=3 heart_rates=3")
w('gpx_utf16le_no_bom.gpx', u16(U,'utf-16-le',False), 'ok', "name='Corpus run' samples=3 elevations=3 heart_rates=3")
w('gpx_utf16be_no_bom.gpx', u16(U,'utf-16-be',False), 'ok', "name='Corpus run' samples=3 elevations=3 heart_rates=3")
w('gpx_utf16le_no_bom_no_declaration.gpx', u16(doc(G[1:]),'utf-16-le',False), 'ok', "name='Corpus run' samples=3")
x=list(X); x[0]='<?xml version="1.0" encoding="UTF-16"?>'
w('tcx_utf16be_no_bom.tcx', u16(doc(x),'utf-16-be',False), 'ok', 'samples=3 elevations=3 heart_rates=3')
# UTF-32 is not read: binary (NUL bytes before any markup)
w('gpx_utf32be.gpx', doc(G).encode('utf-32-be'), 'not_xml', 'binary data, not a GPX or TCX file')

# numbers
w('gpx_number_garbage_suffix.gpx', gpx_with({4: pt(1, ele='<ele>12.5abc</ele>')}), 'bad_number', "elevation is not a number: '12.5abc'", 5)
w('gpx_number_bare_exponent.gpx', gpx_with({4: pt(1, lat='1e')}), 'bad_number', "latitude is not a number: '1e'", 5)
w('gpx_number_double_minus.gpx', gpx_with({4: pt(1, hr='<extensions><hr>--3</hr></extensions>')}), 'bad_number', "heart rate is not a number: '--3'", 5)
w('gpx_number_decimal_comma.gpx', gpx_with({4: pt(1, lon='8,54')}), 'bad_number', "longitude is not a number: '8,54'", 5)
w('tcx_number_garbage_suffix.tcx', tcx_with({5: tp(1, alt='12.5abc')}), 'bad_number', "altitude is not a number: '12.5abc'", 6)
w('gpx_nan_latitude.gpx', gpx_with({4: pt(1, lat='NaN')}), 'bad_number', "latitude is not a finite number: 'NaN'", 5)
w('gpx_inf_longitude.gpx', gpx_with({4: pt(1, lon='-inf')}), 'bad_number', "longitude is not a finite number: '-inf'", 5)
w('tcx_nan_latitude.tcx', tcx_with({5: tp(1, lat='nan')}), 'bad_number', "latitude is not a finite number: 'nan'", 6)
w('gpx_nan_elevation.gpx', gpx_with({4: pt(1, ele='<ele>NaN</ele>')}), 'ok', 'samples=3 elevations=2 heart_rates=3 && 1 elevation at or below -500 m or above 9000 m removed (line 5)')
w('gpx_inf_heart_rate.gpx', gpx_with({5: pt(2, hr='<extensions><hr>inf</hr></extensions>')}), 'ok', 'samples=3 elevations=3 heart_rates=2 && 1 heart rate outside 25..250 bpm removed (line 6)')
w('tcx_nan_heart_rate_inf_altitude.tcx', tcx_with({4: tp(0, hr='NAN'), 6: tp(2, alt='Infinity')}), 'ok', 'samples=3 elevations=2 heart_rates=2 && 1 elevation at or below -500 m or above 9000 m removed (line 7) && 1 heart rate outside 25..250 bpm removed (line 5)')

# ranges
w('gpx_latitude_above_90.gpx', gpx_with({4: pt(1, lat='90.0001')}), 'out_of_range', 'latitude 90.0001 outside -90..90', 5)
w('gpx_longitude_below_minus_180.gpx', gpx_with({5: pt(2, lon='-180.5')}), 'out_of_range', 'longitude -180.5 outside -180..180', 6)
w('tcx_latitude_below_minus_90.tcx', tcx_with({4: tp(0, lat='-91')}), 'out_of_range', 'latitude -91 outside -90..90', 5)
w('gpx_poles_and_antimeridian.gpx', gpx_with({3: pt(0, lat='-90', lon='-180'), 5: pt(2, lat='90', lon='180')}), 'ok', 'samples=3 elevations=3')

# time order
g=list(G); g[3:6]=[pt(0), pt(2), pt(1)]; g.insert(6, pt(3))
w('gpx_times_out_of_order.gpx', doc(g), 'ok', 'samples=3 elevations=3 heart_rates=3 && 1 trackpoint out of time order dropped (line 6)')
x=list(X); x[4:7]=[tp(1), tp(0), tp(2)]
w('tcx_times_out_of_order.tcx', doc(x), 'ok', 'samples=2 elevations=2 heart_rates=2 && 1 trackpoint out of time order dropped (line 6)')
g=G[:3]+[pt(0), pt(1), pt(2), pt(3, time='<time>2024-05-02T06:30:03Z</time>'), pt(4), pt(5)]+G[6:]
w('gpx_time_glitch_one_day_ahead.gpx', doc(g), 'ok', 'samples=5 elevations=5 heart_rates=5 && 1 trackpoint out of time order dropped (line 7)')
g=G[:3]+[pt(0, time='<time>2024-05-02T06:30:00Z</time>'), pt(1), pt(2), pt(3)]+G[6:]
w('gpx_time_glitch_first_point.gpx', doc(g), 'ok', "samples=3 elevations=3 heart_rates=3 segments=1 start=2024-05-01T06:30:01Z && 1 trackpoint out of time order dropped (line 4)")
w('gpx_duplicate_time.gpx', gpx_with({5: pt(2, time='<time>2024-05-01T06:30:01Z</time>')}), 'ok', 'samples=2 elevations=2 heart_rates=2 && 1 trackpoint repeating the previous time dropped (line 6)')
g=[l.replace('2024-05-01T06:30:', '1900-01-01T00:00:') for l in G]
w('gpx_date_1900.gpx', doc(g), 'ok', 'samples=3 && start=1900-01-01T00:00:00Z')
g=[l.replace('2024-05-01T06:30:0', '1899-12-31T23:59:5') for l in G]
w('gpx_date_1899.gpx', doc(g), 'bad_timestamp', "impossible or unreadable time '1899-12-31T23:59:50Z'", 4)
g=[l.replace('2024-05-01T06:30:0', '2200-12-31T23:59:5') for l in G]
w('gpx_date_2200.gpx', doc(g), 'ok', 'samples=3 && start=2200-12-31T23:59:50Z')
g=[l.replace('2024-05-01T06:30:0', '2201-01-01T00:00:0') for l in G]
w('gpx_date_2201.gpx', doc(g), 'bad_timestamp', "impossible or unreadable time '2201-01-01T00:00:00Z'", 4)
x=[l.replace('2024-05-01T06:30:0', '2200-12-31T23:59:5') for l in X]
w('tcx_date_2200.tcx', doc(x), 'ok', 'samples=3 && start=2200-12-31T23:59:50Z')

# empty elements
w('gpx_empty_time_element.gpx', gpx_with({4: pt(1, time='<time/>')}), 'ok', 'samples=2 elevations=2 heart_rates=2 && 1 trackpoint without time dropped (line 5)')
w('gpx_empty_ele_element.gpx', gpx_with({4: pt(1, ele='<ele></ele>')}), 'ok', 'samples=3 elevations=2 heart_rates=3')
w('gpx_empty_trkseg_before_points.gpx', gpx_with({2: g[2]+'</trkseg><trkseg>'}), 'ok', 'samples=3 && segments=2')
w('gpx_only_empty_trkseg.gpx', doc(G[:3]+G[6:]), 'no_timestamps', 'no timestamps: the track has no trackpoints')
w('gpx_empty_root.gpx', doc([G[0], G[1].replace('>','/>')[:-2]+'/>']), 'not_an_activity', 'no track, route or waypoint (metadata only), not an activity')
w('tcx_empty_root.tcx', doc([X[0], '<TrainingCenterDatabase/>']), 'not_an_activity', 'no Activity (workouts or nothing), not an activity')
w('tcx_empty_track.tcx', doc(X[:3]+['<Lap StartTime="2024-05-01T06:30:00Z"><Track/></Lap>']+X[8:]), 'no_timestamps', 'no timestamps: activities without timed trackpoints cannot be audited')
w('tcx_empty_time_element.tcx', tcx_with({5: tp(1, time='')}), 'ok', 'samples=2 && 1 trackpoint without time dropped (line 6)')

# entities: never expanded beyond the five XML ones, never fetched
lol=['<!DOCTYPE gpx [', ' <!ENTITY lol "lol">'] + [' <!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i-1) if i>1 else '&lol;')*10) for i in range(1,10)] + [']>']
# doctype on lines 2..13, so the root is on line 14, the trk on 15, trkpts on 16..18
g=[G[0]]+lol+G[1:]; g[16]=pt(1, ele='<ele>&lol9;</ele>')
w('gpx_billion_laughs_in_number.gpx', doc(g), 'bad_number', "elevation is not a number: '&lol9;'", 17)
g=[G[0]]+lol+G[1:]; g[14]=g[14].replace('Corpus run','&lol9;')
w('gpx_billion_laughs_in_name.gpx', doc(g), 'ok', "name='&lol9;' samples=3")
xxe=['<!DOCTYPE gpx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>']
g=[G[0]]+xxe+G[1:]; g[3]=g[3].replace('Corpus run','&xxe;')
w('gpx_external_entity_file.gpx', doc(g), 'ok', "name='&xxe;' samples=3")
xxh=['<!DOCTYPE gpx [ <!ENTITY xxe SYSTEM "http://127.0.0.1:9/runaudit-must-not-fetch"> ]>']
g=[G[0]]+xxh+G[1:]; g[5]=pt(1, ele='<ele>&xxe;</ele>')
w('gpx_external_entity_http.gpx', doc(g), 'bad_number', "elevation is not a number: '&xxe;'", 6)
x=[X[0], '<!DOCTYPE TrainingCenterDatabase [ <!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext; ]>']+X[1:]
w('tcx_external_parameter_entity.tcx', doc(x), 'ok', 'samples=3')
w('gpx_unknown_entity.gpx', gpx_with({2: G[2].replace('Corpus run','Run &amp; &nbsp; &#x41;')}), 'ok', "name='Run & &nbsp; A' samples=3")
w('gpx_cdata_number.gpx', gpx_with({3: pt(0, ele='<ele><![CDATA[408.0]]></ele>')}), 'ok', 'samples=3 elevations=3')

# limits, with small files and lowered limits
w('gpx_over_file_size_limit.gpx', doc(G), 'too_large', 'is larger than 512 bytes (raise it with --max-file-size)', '-', 'max_file_bytes=512')
w('gpx_trackpoint_limit.gpx', doc(G), 'too_large', 'more than 2 trackpoints in one activity (raise it with --max-trackpoints)', 6, 'max_trackpoints=2')
x=X[:5]+['</Track><Track>']+X[5:]  # a second Track: the limit counts the whole activity
w('tcx_trackpoint_limit_across_tracks.tcx', doc(x), 'too_large', 'more than 2 trackpoints in one activity', 8, 'max_trackpoints=2')
bomb = doc(G[:3]) + ' ' * (1 << 20)
w('gz_bomb_small.gpx.gz', gzip.compress(bomb.encode(), 9, mtime=0), 'too_large', 'inflates to more than 64 KiB (raise it with --max-inflated-size)', '-', 'max_inflated_bytes=65536')
full = gzip.compress(doc(G).encode(), 9, mtime=0)
w('gz_truncated.gpx.gz', full[:len(full)//2], 'bad_gzip', 'truncated gzip data')
w('gz_garbage_after_magic.gpx.gz', b'\x1f\x8b' + bytes((i * 37 + 11) % 256 for i in range(200)), 'bad_gzip', 'corrupt gzip data')
w('gz_garbage_inside.gpx.gz', gzip.compress(bytes((i * 91 + 7) % 256 for i in range(4096)), 9, mtime=0), 'not_xml', 'binary data')
w('gz_valid_member_then_trailing_junk.gpx.gz', full + b'\x00\x00junk', 'ok', "name='Corpus run' samples=3")
w('gz_two_members.tcx.gz', gzip.compress(doc(X[:6]).encode(), 9, mtime=0) + gzip.compress(('\n'+doc(X[6:])).encode(), 9, mtime=0), 'ok', 'samples=3')

# generated at test time (too large to commit)
row('generated:deep_nesting_100000.gpx', 'ok', 'samples=3 elevations=3')
row('generated:deep_nesting_100000_unclosed.gpx', 'malformed_xml', 'truncated XML', 5)
row('generated:1000001_trackpoints.gpx', 'too_large', 'more than 1000000 trackpoints in one activity (raise it with --max-trackpoints)', 1000004)
row('generated:over_default_file_size.gpx', 'too_large', 'file of 67108865 bytes is larger than 64 MiB (raise it with --max-file-size)')
row('generated:gzip_bomb_256MiB.gpx.gz', 'too_large', 'inflates to more than 64 MiB (raise it with --max-inflated-size)')

with open(os.path.join(D,'expected.tsv'),'w') as f:
    f.write('# file\tcode\tmessage\tline\tlimits\n')
    for r in rows: f.write('\t'.join(r)+'\n')
print(len(rows), 'rows;', len([r for r in rows if not r[0].startswith('generated:')]), 'files')
