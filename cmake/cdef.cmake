# Write the C declarations of the public API for the Python package's cffi
# binding: the preprocessed include/klantwijs.h, with the standard headers
# replaced by empty ones (cffi knows size_t, intN_t, bool and FILE).
#   cmake -DCC=... -DSRC=<source dir> -DOUT=<file> -P cdef.cmake
get_filename_component(dir "${OUT}" DIRECTORY)
set(fake "${dir}/cdef-std")
file(MAKE_DIRECTORY "${fake}")
foreach(h stddef.h stdint.h stdbool.h stdio.h math.h)
  file(WRITE "${fake}/${h}" "")
endforeach()
execute_process(
  COMMAND "${CC}" -E -P -nostdinc -I "${fake}" -I "${SRC}/include"
          "${SRC}/include/klantwijs.h"
  OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "preprocessing include/klantwijs.h failed")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
