# Writes a C++ source that holds the given files as byte arrays, keyed by their path relative to BASE.
function(tongchou_embed_files OUTPUT BASE)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${OUTPUT} -DBASE=${BASE} "-DFILES=${joined}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding region data and built-in scenarios"
    VERBATIM)
endfunction()
