#!/usr/bin/env bash
# Regenerates the small demo videos served by the simulator at /media/video/<name>.webm.
# The results are committed (users' machines need not have ffmpeg). Requires ffmpeg with libvpx-vp9,
# libopus and drawtext (Debian: apt-get install -y ffmpeg fonts-dejavu-core).
#
#   bash lib/simulator/assets/make-videos.sh
#
# Output: story-16x9.webm (640x360), story-9x16.webm (360x640), story-1x1.webm (480x480),
# each 6 s, VP9 + Opus, animated gradient with a drifting light, a caption, a timecode and a soft chord.
set -euo pipefail
cd "$(dirname "$0")"

FONT="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DURATION=6

make() {
  local name="$1" w="$2" h="$3"
  local size=$(( (w < h ? w : h) / 12 ))
  local small=$(( size * 3 / 5 ))
  local r=$(( (w < h ? w : h) / 5 ))
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "gradients=s=${w}x${h}:r=24:d=${DURATION}:speed=0.02:c0=0x3b1c6e:c1=0x0f5c8c:c2=0xd9487a:c3=0xf2a541:nb_colors=4:type=radial" \
    -f lavfi -i "aevalsrc=exprs='0.10*sin(2*PI*220*t)+0.07*sin(2*PI*277.18*t)+0.06*sin(2*PI*329.63*t)+0.03*sin(2*PI*440*t)*(0.5+0.5*sin(2*PI*0.5*t))':s=48000:d=${DURATION}" \
    -filter_complex "
      [0:v]format=yuv420p,
        geq=lum='lum(X,Y)+48*exp(-(pow(X-(W/2+W/3*cos(2*PI*T/${DURATION})),2)+pow(Y-(H/2+H/4*sin(4*PI*T/${DURATION})),2))/(2*${r}*${r}))':cb='cb(X,Y)':cr='cr(X,Y)',
        drawtext=fontfile=${FONT}:text='Vimmerse Simulator':fontcolor=white@0.92:fontsize=${size}:x=(w-text_w)/2:y=(h-text_h)/2-${size}/2:shadowcolor=black@0.35:shadowx=2:shadowy=2,
        drawtext=fontfile=${FONT}:text='demo story video':fontcolor=white@0.75:fontsize=${small}:x=(w-text_w)/2:y=(h/2)+${size}/2,
        drawtext=fontfile=${FONT}:text='%{pts\\:hms}':fontcolor=white@0.6:fontsize=${small}:x=w-text_w-${small}:y=h-text_h-${small},
        fade=t=in:st=0:d=0.5,fade=t=out:st=$(( DURATION - 1 )).5:d=0.5[v];
      [1:a]afade=t=in:st=0:d=0.8,afade=t=out:st=$(( DURATION - 1 )):d=1,volume=0.8[a]" \
    -map "[v]" -map "[a]" \
    -c:v libvpx-vp9 -b:v 0 -crf 50 -deadline good -cpu-used 2 -row-mt 1 -g 48 \
    -c:a libopus -b:a 24k \
    -t "${DURATION}" "${name}.webm"
  echo "${name}.webm: $(stat -c %s "${name}.webm") bytes"
}

make story-16x9 640 360
make story-9x16 360 640
make story-1x1 480 480
